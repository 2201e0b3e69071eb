"""The process cnnstat runs in, at the bottom layer (beside ``errors``; no torch):
``worker`` runs code cnnstat does not trust (a model's module, builder and forward) in a
worker process with a time and a memory limit; ``install`` says how to add an optional
part (torch, torchvision, timm, matplotlib) to this installation and how to mend a
torch/torchvision pair that does not load. Nothing is re-exported here: each name has one
home."""
