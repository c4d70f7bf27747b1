package generated

p if {
	data.ex.allow_merge_2 = true with data.b.v2 as "world" with data.b.v3 as "again"
}
