"""Files cnnstat reads, writes and keeps, at the bottom layer (beside ``errors`` and
``render``: nothing here imports the rest of cnnstat but ``errors``).

- ``safeio``: a user's file read with its kind and size checked first, and files written
  atomically (a temporary file in the same directory, then a rename);
- ``spool``: rows kept for a second look in memory up to a size, then in a temporary file.
"""
