"""Output shared by every command, in three parts: what a report is and how one value is
written (``report``), the boxed text table (``text``), and every format a command may ask
for (``formats``: table, JSON, CSV, markdown). Nothing is re-exported here: each name has
one home."""
