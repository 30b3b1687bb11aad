"""HTTP and sign-in against a real HTTP server on loopback (library_load.net)."""
import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from library_load import net


class Refused(Exception):
    pass


class Api(BaseHTTPRequestHandler):
    """Answers by path: JSON, a problem, an HTML error page, or sign-up/log-in as the gateway does."""
    answers = {}
    calls = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"null")
        Api.calls.append((self.path, body, self.headers.get("Authorization")))
        queue = Api.answers[self.path]
        status, content_type, payload = queue.pop(0) if len(queue) > 1 else queue[0]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST

    def log_message(self, *args):
        pass


def answer(status, body, content_type="application/json"):
    return status, content_type, body.encode() if isinstance(body, str) else json.dumps(body).encode()


class NetTest(unittest.TestCase):

    def setUp(self):
        Api.answers, Api.calls = {}, []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_an_error_status_is_returned_with_its_problem_body_not_raised(self):
        Api.answers["/api/x"] = [answer(404, {"title": "Not Found"}, "application/problem+json")]

        self.assertEqual(net.http_json("POST", self.url + "/api/x", {"a": 1}), (404, {"title": "Not Found"}))

    def test_an_error_page_that_is_not_json_comes_back_as_no_body(self):
        Api.answers["/api/x"] = [answer(502, "<html>Bad Gateway</html>", "text/html")]

        self.assertEqual(net.http_json("POST", self.url + "/api/x", {"a": 1}), (502, None))

    def test_a_token_goes_as_a_bearer_authorization(self):
        Api.answers["/api/x"] = [answer(200, {})]

        net.http_json("POST", self.url + "/api/x", {"a": 1}, token="t0k")

        self.assertEqual(Api.calls[0][2], "Bearer t0k")

    def test_signing_in_signs_a_fresh_user_up_then_logs_it_in_and_returns_its_access_token(self):
        Api.answers = {"/api/auth/signup": [answer(201, {})], "/api/auth/login": [answer(200, {"access_token": "jwt"})]}

        token = net.sign_in(self.url, "bench", password="pw")

        self.assertEqual(token, "jwt")
        self.assertEqual([call[0] for call in Api.calls], ["/api/auth/signup", "/api/auth/login"])
        self.assertRegex(Api.calls[0][1]["username"], r"^bench-[0-9a-f]{8}$")
        self.assertEqual(Api.calls[0][1], Api.calls[1][1])

    def test_a_busy_gateway_s_503_is_tried_again(self):
        Api.answers = {"/api/auth/signup": [answer(503, {}), answer(201, {})],
                       "/api/auth/login": [answer(200, {"access_token": "jwt"})]}

        self.assertEqual(net.sign_in(self.url, "bench", attempts=2), "jwt")
        self.assertEqual([call[0] for call in Api.calls], ["/api/auth/signup", "/api/auth/signup", "/api/auth/login"])

    def test_a_refused_log_in_raises_the_caller_s_error_at_once_saying_what_answered(self):
        Api.answers = {"/api/auth/signup": [answer(201, {})], "/api/auth/login": [answer(401, {"title": "Unauthorized"})]}

        with self.assertRaises(Refused) as raised:
            net.sign_in(self.url, "bench", attempts=5, error=Refused)

        self.assertIn("/api/auth/login through " + self.url + " answered 401", str(raised.exception))
        self.assertEqual(len(Api.calls), 2)

    def test_a_port_is_in_use_while_a_server_listens_on_it(self):
        port = self.server.server_address[1]

        self.assertTrue(net.port_in_use(port))
        self.assertFalse(net.port_in_use(net.free_port()))


if __name__ == "__main__":
    unittest.main()
