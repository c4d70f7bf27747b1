# Rules over the evidence graph. An unknown subject makes the graph calls undefined, so both
# rules fail (closed).
package graph_reach

max_component := 4

max_degree := 2

# The component search stops once it passes the maximum.
small_network if graph.component_size(input.subject, {"limit": max_component}) <= max_component

few_contacts if graph.degree(input.subject, {"direction": "both"}) <= max_degree
