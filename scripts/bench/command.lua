-- wrk script: POST /api/mesh/commands with a TEST command and the API key from $BENCH_API_KEY.
wrk.method = "POST"
wrk.path = "/api/mesh/commands"
wrk.body = '{"action":"TEST"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")
