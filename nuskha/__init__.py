"""nuskha: catalogue, digitise, preserve, conserve and share manuscripts with partners."""
