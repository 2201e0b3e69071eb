"""Named networks' figures judged against the bundled specs: ``models`` resolves
names, ``facts``, ``factjudge``, ``factlines`` and ``facttables`` (``aligned``) find and
judge model figures, attributing them (``named``, ``above``, ``totals``, ``parts``); a
network's layers and settings (``breakdown``, ``nthparams``, ``specrows``, ``specfacts``, ``kernelconv``,
``nthconv``, ``layerindex``, ``stages``, ``depths``, ``datasets``), its name and year
(``variants``, ``years``) and comparisons between networks (``comparisons``,
``differences``, ``ratios``). ``readers`` registers those that read a line alone.
"""
