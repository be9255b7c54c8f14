//! Export: the extraction JSON of `shared/eval/FORMAT.md`, GeoJSON and CSV of events.
