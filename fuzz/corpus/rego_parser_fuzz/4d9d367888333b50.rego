package test

req := {"method": "get", "url": "https://example.com", "headers": {"foo": "bar"}, "body": {"example": {1, 2, 3, 4}}}

aws_config := {"aws_access_key": "MYAWSACCESSKEYGOESHERE", "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE", "aws_service": "s3", "aws_region": "us-east-1", "disable_payload_signing": false}

expected := {
	"body": {"example": {1, 2, 3, 4}},
	"headers": {
		"Authorization": "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,Signature=f6703a8727ec0a32f81b225a002f622e511e8a7d2ca8914894fcbb7a71d8d9d8",
		"foo": "bar",
		"host": "example.com",
		"x-amz-content-sha256": "bacff6243c850423883052ac3c336fd645994442933408dfd3f9e858e69bda07",
		"x-amz-date": "20151228T140825Z",
	},
	"method": "get",
	"url": "https://example.com",
}

p if {
	providers.aws.sign_req(req, aws_config, 1451311705000000000) == expected
}
