"""The build: the pipeline composed in one place, its workers (local or Dask), cache and output folder."""
