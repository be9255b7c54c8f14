//! On-disk cache of extraction results keyed by path, size, mtime and extractor version.
