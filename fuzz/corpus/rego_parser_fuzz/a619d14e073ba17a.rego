package test

A := [1, 2, 3, 4, 5, 6]

B := [1, 2, 3, 4, 5, 6]

AsubB := object.subset(A, B)

BsubA := object.subset(B, A)

# Notice that there isn't really a well-defined way to "match" the two
# nested sets to one another, so we B is not a subset of A in this
# case.

test_result if {
	AsubB # B is a subset of A
	BsubA # A is a subset of B
}
