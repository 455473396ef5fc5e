"""``edgar-archive report``: one self-contained HTML page about an archive (coverage, gaps, Form SE links,
Computational Materials, runs, storage), built from the datasets and the crawl state.

``source`` reads (once, only the columns needed); ``coverage``, ``gaps``, ``se``, ``cm``, ``runs`` and
``archive`` each turn what was read into a section (pure numbers, then figures and tables); ``plots`` draws
with matplotlib; ``page`` assembles the HTML; ``build`` ties them together.
"""
