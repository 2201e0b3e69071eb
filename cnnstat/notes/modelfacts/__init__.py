"""Named networks' figures judged against the bundled specs: ``models`` resolves
names, ``facts``, ``factjudge``, ``factlines`` and ``facttables`` (``aligned``) find and
judge model figures, attributing them (``named``, ``above``, ``totals``, ``parts``); a
network's layers and settings (``breakdown``, ``specrows``, ``specfacts``, ``nthconv``,
``stages``, ``depths``, ``datasets``) and comparisons between networks (``comparisons``,
``differences``, ``ratios``).
"""
