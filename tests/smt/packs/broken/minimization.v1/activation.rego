package minimization.activation

# Special categories of personal data (GDPR Art. 9) that may appear among the fields.
special_categories := {"health", "religion", "ethnicity", "biometrics", "union_membership"}

requests_special_category if {
	some field in input.fields
	field in special_categories
}
