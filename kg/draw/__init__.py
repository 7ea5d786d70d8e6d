"""Drawing the graph: the projection onto networkx, interactive maps, profile pages and exports."""
