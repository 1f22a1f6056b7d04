"""One repository per aggregate; SQL lives here and nowhere else."""
