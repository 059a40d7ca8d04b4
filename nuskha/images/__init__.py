"""Page images: ingest, derivatives, IIIF Image API and Presentation manifests."""
