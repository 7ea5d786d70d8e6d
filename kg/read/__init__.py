"""Reading articles: files in, decoded and laid out `Document`s out."""
