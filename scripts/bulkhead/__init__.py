"""bulkhead: the driver behind ./bulkhead (configuration, components, link, run)."""
