-- wrk script: GET the URL with the bearer token in $TOKEN (the baseline).
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
