"""Analysis over canonical events: indicators (counts over time) and competing-hypotheses boards."""
