package test

p contains mac if {
	mac := crypto.hmac.sha512(input.message, input.key)
}
