"""Hand-written Computational Materials exhibits, one per dialect of EDGAR.md section 4.7 (inputs of the tests;
every expected value is written by hand in the tests that use them)."""

INTEX_PRICE_YIELD = """\
EXHIBIT 99.1
                                 ------------

                 Computational Materials and/or ABS Term Sheet

<PAGE>

<TABLE>
<CAPTION>

CWALT0512_2A - Price/Yield - 2A4

<S>               <C>              <C>             <C>             <C>              <C>
Balance           $48,125,000.00   Delay           24              WAC(1)           5.934         WAM(1)        357
Coupon            5.5              Dated           3/1/2005        NET(1)           5.674         WALA(1)         2
Settle            3/30/2005        First Payment   4/25/2005

Price                   50 PPC         100 PPC         150 PPC         200 PPC
                         Yield           Yield           Yield           Yield
      99-24+             5.531           5.538           5.545           5.551
      99-28              5.521           5.525           5.529           5.533
     100-00.50           5.507           5.507           5.507           5.507
     100-04              5.497           5.494           5.491           5.488

WAL                      11.42            6.37            4.12            3.05
Mod Durn                  7.81            4.96            3.40            2.59
Principal Window  Apr05 - Jan35   Apr05 - Sep24   Apr05 - Jun16   Apr05 - Nov12
</TABLE>
"""

DECIMAL_NUMBERED = """\
<TABLE>
<CAPTION>
cwalt05j2_final - Price/Yield - 3A1

Balance      $12,000,000.00      Delay          24             WAC     6.25   WAM     358
Coupon       5.75                Dated          2/1/2005       NET     6.00   WALA      1
Settle       2/28/2005           First Payment  3/25/2005

            Price                1        2          3        4         5
                             Yield    Yield      Yield    Yield     Yield
<S>                           <C>      <C>        <C>      <C>       <C>
       101.500000             5.49     5.38       5.21     5.02      4.80
       101.625000             5.47     5.36       5.18     4.98      4.75
       101.750000             5.46     5.34       5.15     4.94      4.70
</TABLE>
"""

SPEED_UNITS = """\
CWMBS0507_1 - Price/Yield - A2

Balance  $5,000,000.00  Delay  24
Coupon   5.25           Dated  4/1/2005

Price          6 CPR     15 CPR     200 PSA    65PPC     100% PPC    6 CPB
               Yield      Yield       Yield    Yield        Yield    Yield
   98-16       5.512      5.601       5.633    5.570        5.702    5.486
   98-20       5.498      5.579       5.607    5.551        5.673    5.474
"""

DEUTSCHE_BANK = """\
EXHIBIT 99.1

                 Computational Materials and/or ABS Term Sheet

<PAGE>


                         DEAL_CWALT0541CB_GRP1 -- 1A6

Deutsche Bank  CMO Trading 212-250-2669

Balance   $7,250,000.00   Delay          24            WAC  6.2500  WAM  359
Coupon    5.5000          Dated          09/01/2005    NET  5.5000  WALA 1
Settle    09/29/2005      First Payment  10/25/2005

<TABLE>
<CAPTION>
-----------------------------------------------------------------------------------
Price                 6 CPR       10 CPR       15 CPR       25 CPR       40 CPR
-----------------------------------------------------------------------------------
                        Yield        Yield        Yield        Yield        Yield
-----------------------------------------------------------------------------------
           <S>          <C>          <C>          <C>          <C>          <C>
           99-08        5.622        5.640        5.667        5.729        5.851
           99-12        5.607        5.622        5.645        5.697        5.800

Avg Life                11.87         8.44         5.92         3.41         1.93
Duration                 8.12         6.30         4.75         2.97         1.77
First Prin Pay       10/25/05     10/25/05     10/25/05     10/25/05     10/25/05
Last Prin Pay        08/25/35     03/25/31     11/25/24     06/25/16     04/25/11
</TABLE>
"""

FLOATER = """\
                                                       ZCWALT0533CB_T  --  A3

DEUTSCHE BANK SECURITIES
<TABLE>
<CAPTION>
<S>     <C>             <C>           <C>          <C>            <C>              <C>     <C>             <C>     <C>

Balance $110,000,000.00 Delay         0            Index          LIBOR_1MO | 3.86 WAC     6.1             WAM     358
Coupon  4.3600          Dated         8/25/2005    Mult / Margin  1.00 / 0.50      NET     5.85            WALA    2
Settle  8/30/2005       First Payment 9/25/2005    Cap / Floor    5.50 / 0.50

</TABLE>


<TABLE>
<CAPTION>
---------------------------------------------------------------------------
     Price          50 PPC      100 PPC      150 PPC      200 PPC
---------------------------------------------------------------------------
                 Disc Margin  Disc Margin  Disc Margin  Disc Margin
---------------------------------------------------------------------------
      <S>                 <C>          <C>          <C>          <C>
      99-16               58           61           64           68
      99-24               54           55           57           58
     100-00               50           50           50           50
</TABLE>
"""

FLOATER_NO_MEASURE = """\
ZCWALT0533CB_T  --  A4

Balance  $20,000,000.00  Index          LIBOR_1MO | 3.86
Coupon   4.2600          Mult / Margin  1.00 / 0.40
Settle   8/30/2005       Cap / Floor    5.50 / 0.40

     Price          50 PPC      100 PPC
      99-16             48           51
      99-24             44           45
"""

INTEREST_ONLY = """\
<TABLE>
<CAPTION>

cwalt05j3_final - Price/Yield - XA

Balance          $410,522,114.35     Delay         24            WAC         6.312
Coupon           0.411250            Dated         3/1/2005      NET         6.051
Settle           3/30/2005           First Payment 4/25/2005

Price                           1             2            3
                            Yield         Yield        Yield
  <S>                     <C>           <C>          <C>
          0.250000         205.11        188.40       131.72
          0.375000         132.86        118.02        61.37
          1.125000          38.15         24.60       -12.84
          1.250000          31.02         17.77       (19.45)
</TABLE>
"""

YIELDS_TO_PRICE = """\
CWHL0509_A - Yield/Price - A1

Yield          100 PPC      200 PPC      300 PPC
               Price        Price        Price
 5.000        101-07+      100-30       100-21
 5.250        100-00       99-28+       99-24
 5.500         98-25        98-26+      98-27
"""

DEAL_SUMMARY = """\
<PAGE>
<TABLE>
<CAPTION>

CWALT-05-12R - Summary


                                                    Deal Summary Report                                 CWALT-05-12R

                                                                                       ------------------------------------------
                                      Assumptions                                                      Collateral
<S>           <C>                     <C>         <C>                                  <C>              <C>        <C>    <C>
Settlement    30-Mar-2005  Prepay     300 PSA     (Ramp from 6 to 18CPR in 30 months)  Balance          WAC  WAM    Age    WAL
1st Pay Date  25-Apr-2005                                                              $150,000,000.00    5.95     357    3  6.12
                                                                                       ------------------------------------------


<CAPTION>

Tranche  Rating  Balance         Coupon  Principal      Avg    Dated      Notes
Name                                     Window         Life   Date

<S>      <C>     <C>             <C>     <C>            <C>    <C>        <C>
A1       AAA     120,000,000.00  5.5     04/05 - 11/20   3.35  01-Mar-05  FIX            (sequential)

A2       AAA      24,000,000.00  5.5     11/20 - 02/35  19.60  01-Mar-05  FIX

B                 6,000,000.00  5.5     04/05 - 02/35  10.48  01-Mar-05  FIX


Payrule:
1) Pay A1 and A2 sequentially to zero

</TABLE>

<PAGE>


CWALT-05-12R - Dec - A1

Date              1            2            3
   30-Mar-05     100          100          100
   25-Mar-06      99           88           77
   25-Mar-07      98           75           52
   25-Mar-08      96           *            0
Average Life    14.21         5.02         2.61

<PAGE>

CWALT-05-12R - Dec - A2

Date              1            2            3
   30-Mar-05     100          100          100
   25-Mar-06     100          100          100
Average Life    28.40        21.77        15.03
"""

BREAK_CDR = """\
<PAGE>

CWABS 2005-7

Assumptions
-----------
6-mo Recovery Lag.
Trigger Failing.
100% PPC

<TABLE>
<CAPTION>

              M5

                               ------------------------------------------------------------------------
                               Forward LIBOR                         Forward LIBOR + 200
                               ------------------------------------------------------------------------
                                  Break CDR     Collat Cum Loss          Break CDR     Collat Cum Loss
-------------------------------------------------------------------------------------------------------
<S>                                <C>          <C>                      <C>           <C>
40% Severity                      14.02   88,120,455.10 (11.75%)         11.31   75,090,114.83 (10.01%)
                               ------------------------------------------------------------------------
50% Severity                      10.77   91,004,312.66 (12.13%)          8.70   77,512,800.00 (10.34%)
-------------------------------------------------------------------------------------------------------


              M6

                               ------------------------------------------------------------------------
                               Forward LIBOR                         Forward LIBOR + 200
                               ------------------------------------------------------------------------
                                  Break CDR     Collat Cum Loss          Break CDR     Collat Cum Loss
-------------------------------------------------------------------------------------------------------
<S>                                <C>          <C>                      <C>           <C>
40% Severity                      11.65   76,400,000.00 (10.19%)          9.20   63,115,870.40 (8.42%)
50% Severity                       9.01   78,330,002.31 (10.44%)          7.15   64,919,222.08 (8.66%)
-------------------------------------------------------------------------------------------------------
</TABLE>
"""

COLLATERAL = """\
CWABS-05-7 - Collateral Summary

Total Current Balance:        $750,112,408.33
Number of Loans:              4,211
WAC:                          7.125%
WAM:                          356
Weighted Average FICO:        622

<PAGE>

Current Principal Balance       Number of Loans    Aggregate Balance    % of Pool    WAC
$0.01 - $50,000.00                          312        12,004,511.20        1.60%    8.912
$50,000.01 - $100,000.00                    988        74,300,112.95        9.91%    7.845
$100,000.01 - $150,000.00                 1,204       150,998,004.10       20.13%    7.301
"""

HTML_TABLES = """\
<html>
<body>
<p>Computational Materials</p>
<table border="0">
<tr><td colspan="8">WMALT0507_v2 - Price/Yield - 2A1</td></tr>
<tr><td>Balance</td><td>$</td><td>61,200,000.00</td><td>Delay</td><td>24</td><td>WAC</td><td>6.01</td><td></td></tr>
<tr><td>Coupon</td><td></td><td>5.50</td><td>Dated</td><td>06/01/2005</td><td>NET</td><td>5.75</td><td></td></tr>
<tr><td>&nbsp;</td></tr>
<tr><td>Price</td><td></td><td>100 PPC</td><td>200 PPC</td><td>300 PPC</td></tr>
<tr><td></td><td></td><td>Yield</td><td>Yield</td><td>Yield</td></tr>
<tr><td>99-16</td><td></td><td>5.612</td><td>5.640</td><td>5.671</td></tr>
<tr><td>99-20</td><td></td><td>5.598</td><td></td><td>5.650</td></tr>
<tr><td>WAL</td><td></td><td>8.12</td><td>4.30</td><td>2.95</td></tr>
<tr><td>Principal Window</td><td></td><td>Jul05 - May35</td><td>Jul05 - Dec19</td><td>Jul05 - Jan14</td></tr>
</table>
<hr>
<table>
<tr><th>Class</th><th>Description</th><th>Class Size</th><th>Coupon</th><th>WAL (yrs)</th></tr>
<tr><td>2A1</td><td>SEQ</td><td>$61,200,000.00</td><td>5.50000</td><td>4.30012</td></tr>
<tr><td>B</td><td>&nbsp;</td><td>$3,221,052.60</td><td>5.50000</td><td>9.87010</td></tr>
</table>
</body>
</html>
"""

ONE_CELL_PER_LINE = """\
Deal Size:
$98,400,000
Pricing Speed:
250 PSA
Settlement Date:
06/29/05
Deal File:
MASTRJUN
Class
Description
Class Size
Coupon
WAL (yrs)
4A1
SEQ
$90,000,000.00
5.25000
4.11520
4A2
SEQ, Z
$4,000,000.00
5.25000
17.02200
B
$4,400,000.00
5.25000
9.98100
Class 4A1:
SEQ
100 PSA
250 PSA
400 PSA
Price:
99-20
99-20
99-20
CBE Yield (%):
5.32110
5.35220
5.38410
Average Life (years):
7.80100
4.11520
2.77300
"""

TAB_SEPARATED = "CWALT0599_1 - Price/Yield - 1A9\n\nPrice\t50 PPC\t100 PPC\t150 PPC\n96-00\t5.497\t5.641\t5.863\n" \
    "96-04\t5.487\t\t5.840\n96-08\t5.477\t5.611\t5.817\n"

CONTINUED_GRID = """\
CWALT0577_3A - Price/Yield - 3A2

Balance   $9,000,000.00   Delay  24

Price            100 PPC        200 PPC
                   Yield          Yield
   97-00           5.801          5.912
   97-08           5.760          5.855
<PAGE>
   97-16           5.719          5.799
   97-24           5.679          5.744
<PAGE>

CWALT0577_3A - Price/Yield - 3A2

Price            100 PPC        200 PPC
                   Yield          Yield
   98-00           5.639          5.690

WAL                 9.71           5.03
<PAGE>

CWALT0577_3A - Price/Yield - 3A3

Price            100 PPC        200 PPC
                   Yield          Yield
   99-00           5.101          5.222
"""
