"""Word lists the synthetic mirror builds names, addresses and text from (invented, not SEC data)."""

from __future__ import annotations

NAME_HEADS = (
    "Allied", "Amber", "Apex", "Arbor", "Atlas", "Aurora", "Bay", "Beacon", "Birch", "Blue Ridge", "Boulder",
    "Bridgeport", "Brookfield", "Cambridge", "Canyon", "Capitol", "Cardinal", "Cascade", "Cedar", "Centennial",
    "Century", "Champion", "Chesapeake", "Clearwater", "Coastal", "Columbia", "Commonwealth", "Continental",
    "Copper", "Crescent", "Crown", "Delta", "Diamond", "Dominion", "Eagle", "Eastern", "Emerald", "Empire",
    "Evergreen", "Falcon", "First Keystone", "Frontier", "Galaxy", "Garnet", "Gateway", "Glacier", "Golden",
    "Granite", "Great Plains", "Greenfield", "Harbor", "Harvest", "Heartland", "Heritage", "Highland", "Horizon",
    "Hudson", "Independence", "Iron", "Jasper", "Juniper", "Keystone", "Lakeside", "Landmark", "Liberty",
    "Lincoln", "Magnolia", "Mariner", "Meridian", "Mesa", "Midland", "Monarch", "Mountain", "Northern",
    "Northstar", "Oak", "Ocean", "Olympic", "Orion", "Pacific", "Palmetto", "Paragon", "Patriot", "Peak",
    "Pelican", "Piedmont", "Pine", "Pinnacle", "Pioneer", "Prairie", "Premier", "Prospect", "Quantum",
    "Redwood", "Regal", "Ridgeline", "River", "Rockland", "Sable", "Saratoga", "Sequent", "Sierra", "Silver",
    "Southern", "Sterling", "Summit", "Sunbelt", "Superior", "Tahoe", "Titan", "Trinity", "Tristar",
    "Union", "United", "Valley", "Vanguard", "Vector", "Victory", "Vista", "Western", "Willow", "Zenith",
)  # fmt: skip

NAME_CORES = (
    "Aerospace", "Agri", "Analytics", "Apparel", "Bancorp", "Bankshares", "Biosciences", "Biotech", "Brands",
    "Broadcasting", "Building Products", "Capital", "Chemical", "Communications", "Components", "Computer",
    "Controls", "Data Systems", "Devices", "Diagnostics", "Distribution", "Drilling", "Electric", "Electronics",
    "Energy", "Engineering", "Entertainment", "Environmental", "Financial", "Foods", "Gaming", "Gas",
    "Health", "Healthcare", "Holdings", "Hospitality", "Industries", "Instruments", "Insurance", "Interactive",
    "Labs", "Learning", "Logistics", "Machinery", "Manufacturing", "Marine", "Materials", "Media", "Medical",
    "Metals", "Microsystems", "Minerals", "Mining", "Motors", "Networks", "Oil", "Packaging", "Paper",
    "Petroleum", "Pharmaceuticals", "Pipeline", "Plastics", "Power", "Properties", "Publishing", "Railroad",
    "Realty", "Resources", "Restaurants", "Retail", "Robotics", "Semiconductor", "Services", "Shipping",
    "Software", "Solutions", "Steel", "Stores", "Systems", "Technologies", "Telecom", "Textiles", "Therapeutics",
    "Timber", "Tools", "Transport", "Utilities", "Ventures", "Water", "Wireless",
)  # fmt: skip

NAME_TAILS = (
    "Inc", "Inc.", "INC", "Corp", "Corp.", "CORP", "Corporation", "Co", "Company", "Ltd", "LLC", "L.P.",
    "Group Inc", "Holdings Inc", "Inc /DE/", "CORP /NV/", "INC /MD/", "Inc /CA/", "Co /NY/", "Trust",
)  # fmt: skip

SURNAMES = (
    "ADAMS", "ALLEN", "ANDERSON", "BAKER", "BELL", "BROOKS", "BROWN", "CAMPBELL", "CARTER", "CLARK", "COLLINS",
    "COOK", "COOPER", "DAVIS", "EDWARDS", "EVANS", "FISHER", "FOSTER", "GARCIA", "GRAY", "GREEN", "HALL",
    "HARRIS", "HAYES", "HILL", "HOWARD", "HUGHES", "JACKSON", "JAMES", "JOHNSON", "JONES", "KELLY", "KING",
    "LEE", "LEWIS", "LONG", "MARTIN", "MILLER", "MITCHELL", "MOORE", "MORGAN", "MORRIS", "MURPHY", "NELSON",
    "O'BRIEN", "PARKER", "PEREZ", "PETERSON", "PHILLIPS", "PRICE", "REED", "RICHARDSON", "ROBERTS", "ROGERS",
    "ROSS", "SANDERS", "SCOTT", "SMITH", "STEWART", "SULLIVAN", "TAYLOR", "THOMAS", "THOMPSON", "TURNER",
    "WALKER", "WARD", "WATSON", "WHITE", "WILLIAMS", "WILSON", "WOOD", "WRIGHT", "YOUNG", "VAN DYKE", "MC DONALD",
)  # fmt: skip

GIVEN_NAMES = (
    "ALAN", "ANN", "BARBARA", "BRIAN", "CAROL", "CHARLES", "DANIEL", "DAVID", "DEBORAH", "DONALD", "ELIZABETH",
    "FRANK", "GARY", "GEORGE", "HELEN", "JAMES", "JANET", "JEFFREY", "JOHN", "JOSEPH", "KAREN", "KENNETH",
    "LAURA", "LINDA", "MARGARET", "MARK", "MARY", "MICHAEL", "NANCY", "PATRICIA", "PAUL", "RICHARD", "ROBERT",
    "RONALD", "SANDRA", "SARAH", "STEPHEN", "SUSAN", "THOMAS", "WILLIAM",
)  # fmt: skip

PLACES = (
    ("100 MAIN STREET", "HARTFORD", "CT", "06103", "8605551200"),
    ("2200 ROSS AVENUE", "DALLAS", "TX", "75201", "2145550100"),
    ("350 PARK AVENUE", "NEW YORK", "NY", "10022", "2125557300"),
    ("745 SEVENTH AVENUE", "NEW YORK", "NY", "10019", "2125551000"),
    ("1 PIERREPONT PLAZA", "BROOKLYN", "NY", "11201", "7185559800"),
    ("4500 PARK GRANADA", "CALABASAS", "CA", "91302", "8185553000"),
    ("1000 WILSHIRE BLVD", "LOS ANGELES", "CA", "90017", "2135554400"),
    ("555 CALIFORNIA STREET", "SAN FRANCISCO", "CA", "94104", "4155552000"),
    ("9062 OLD ANNAPOLIS ROAD", "COLUMBIA", "MD", "21045", "4105552600"),
    ("1100 NORTH MARKET STREET", "WILMINGTON", "DE", "19890", "3025558000"),
    ("200 WEST MONROE STREET", "CHICAGO", "IL", "60606", "3125551600"),
    ("8400 NORMANDALE LAKE BLVD", "MINNEAPOLIS", "MN", "55437", "9525557000"),
    ("3 ADA", "IRVINE", "CA", "92618", "9495557700"),
    ("1585 BROADWAY", "NEW YORK", "NY", "10036", "2125554000"),
    ("60 WALL STREET", "NEW YORK", "NY", "10005", "2125552500"),
    ("214 NORTH TRYON STREET", "CHARLOTTE", "NC", "28255", "7045553800"),
    ("1201 MAIN STREET", "HOUSTON", "TX", "77002", "7135559100"),
    ("2 NORTH LASALLE STREET", "CHICAGO", "IL", "60602", "3125558200"),
    ("700 LOUISIANA STREET", "HOUSTON", "TX", "77002", "7135551900"),
    ("1 CORPORATE DRIVE", "SHELTON", "CT", "06484", "2035552900"),
    ("800 BOYLSTON STREET", "BOSTON", "MA", "02199", "6175553300"),
    ("1600 SMITH STREET", "HOUSTON", "TX", "77002", "7135556600"),
    ("4000 HORIZON WAY", "IRVING", "TX", "75063", "9725556000"),
    ("10 HUDSON YARDS", "NEW YORK", "NY", "10001", "2125558800"),
    ("3000 SAND HILL ROAD", "MENLO PARK", "CA", "94025", "6505551400"),
    ("501 BRICKELL KEY DRIVE", "MIAMI", "FL", "33131", "3055551300"),
    ("1700 LINCOLN STREET", "DENVER", "CO", "80203", "3035555400"),
    ("600 TRAVIS STREET", "HOUSTON", "TX", "77002", "7135553600"),
    ("1 MERIDIAN CROSSINGS", "RICHFIELD", "MN", "55423", "6125550700"),
    ("225 FRANKLIN STREET", "BOSTON", "MA", "02110", "6175551500"),
)  # fmt: skip

STATES = ("DE", "DE", "DE", "NY", "CA", "MD", "NV", "TX", "NJ", "PA", "IL", "MA", "FL", "OH", "MN", "VA")

FILER_AGENTS = (
    "0000905148", "0001056404", "0000914121", "0000950123", "0000882377", "0001162318", "0001051170",
    "0000950117", "0001104659", "0000950129", "0001193125", "0000950134", "0001144204", "0000950136",
    "0001047469", "0000950109", "0000891554", "0000912057", "0000950131", "0001021408",
)  # fmt: skip

OPERATING_SICS = (
    (3571, "ELECTRONIC COMPUTERS"), (2834, "PHARMACEUTICAL PREPARATIONS"),
    (7372, "SERVICES-PREPACKAGED SOFTWARE"), (4911, "ELECTRIC SERVICES"),
    (1311, "CRUDE PETROLEUM & NATURAL GAS"), (6021, "NATIONAL COMMERCIAL BANKS"),
    (6035, "SAVINGS INSTITUTION, FEDERALLY CHARTERED"), (3674, "SEMICONDUCTORS & RELATED DEVICES"),
    (2836, "BIOLOGICAL PRODUCTS, (NO DIAGNOSTIC SUBSTANCES)"), (4813, "TELEPHONE COMMUNICATIONS (NO RADIOTELEPHONE)"),
    (5812, "RETAIL-EATING PLACES"), (7389, "SERVICES-BUSINESS SERVICES, NEC"), (6311, "LIFE INSURANCE"),
    (6331, "FIRE, MARINE & CASUALTY INSURANCE"), (6199, "FINANCE SERVICES"),
    (6211, "SECURITY BROKERS, DEALERS & FLOTATION COMPANIES"), (3841, "SURGICAL & MEDICAL INSTRUMENTS & APPARATUS"),
    (1381, "DRILLING OIL & GAS WELLS"), (3714, "MOTOR VEHICLE PARTS & ACCESSORIES"),
    (4924, "NATURAL GAS DISTRIBUTION"), (6500, "REAL ESTATE"), (6141, "PERSONAL CREDIT INSTITUTIONS"),
    (7370, "SERVICES-COMPUTER PROGRAMMING, DATA PROCESSING, ETC."), (2860, "INDUSTRIAL ORGANIC CHEMICALS"),
    (5331, "RETAIL-VARIETY STORES"), (6770, "BLANK CHECKS"), (6798, "REAL ESTATE INVESTMENT TRUSTS"),
)  # fmt: skip

SIC_ABS = (6189, "ASSET-BACKED SECURITIES")
SIC_MORTGAGE_BANKERS = (6162, "MORTGAGE BANKERS & LOAN CORRESPONDENTS")
SIC_STATE_BANKS = (6022, "STATE COMMERCIAL BANKS")
SIC_REIT = (6798, "REAL ESTATE INVESTMENT TRUSTS")
