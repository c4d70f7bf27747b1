package test

req := {"method": "get", "url": "https://example.com", "headers": {"foo": "bar"}}

aws_config := {"aws_access_key": "MYAWSACCESSKEYGOESHERE", "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE", "aws_service": "s3", "aws_region": "us-east-1", "disable_payload_signing": true}

expected := {
	"headers": {
		"Authorization": "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=foo;host;x-amz-content-sha256;x-amz-date,Signature=c6e6db654e92172f71e18c714c123711de069ac6fd7df1348e5b28fd05532028",
		"foo": "bar",
		"host": "example.com",
		"x-amz-content-sha256": "UNSIGNED-PAYLOAD",
		"x-amz-date": "20151228T140825Z",
	},
	"method": "get",
	"url": "https://example.com",
}

p if {
	providers.aws.sign_req(req, aws_config, 1451311705000000000) == expected
}
