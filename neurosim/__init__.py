"""neurosim: the artificial neuron of deep learning beside a spiking neuron."""
