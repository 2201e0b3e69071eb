"""Code a note pastes and what it says of it: PyTorch modules and the shapes their
comments state (``torchcode``, ``torchlayer``, ``torchast``, ``torchchain``, ``torchstate``, ``torchinfer``,
``commentpair``, ``commentchain``, ``commentshape``, ``layernote``, ``callchain``), Keras
layers (``kerascode``, ``kerasout``, ``kerasforms``, ``kerasargs``, ``kerasplace``, ``kerasoff``,
``kerasprose``, ``kerasinput``), TensorFlow 1 code (``tfflow``, ``tfnotes``), a layer's
settings a comment gives (``layersaid``),
ConvNetJS and Darknet (``convnetjs``, ``darknet``), numbers in comments and printed output
(``code``, ``printed``), an output-size formula beside the layer it works out
(``layerformula``).
"""
