//! The eframe application: state and commands, map plugins, panels.
