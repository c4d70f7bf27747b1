package test

p if {
	graphql.parse_query(`{`)
}
