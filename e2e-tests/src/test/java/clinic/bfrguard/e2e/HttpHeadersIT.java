package clinic.bfrguard.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.e2e.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every response tells a browser: the security headers on successes and errors alike, and CORS open to the
 * web console's origin only.
 */
class HttpHeadersIT {

    private static final Map<String, String> API_HEADERS = new LinkedHashMap<>();

    static {
        API_HEADERS.put("X-Content-Type-Options", "nosniff");
        API_HEADERS.put("X-Frame-Options", "DENY");
        API_HEADERS.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        API_HEADERS.put("Referrer-Policy", "no-referrer");
        API_HEADERS.put("Cache-Control", "no-store");
        API_HEADERS.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    /** One read endpoint per service that a clinician may call. */
    private static final Map<String, String> READ = Map.of(
            "screening-service", "/api/patients/P-1/eligibility",
            "session-service", "/api/sessions?patientId=P-1",
            "alert-service", "/api/alerts");

    private static final Map<String, String> UNKNOWN = Map.of(
            "screening-service", "/api/screenings/" + UUID.randomUUID(),
            "session-service", "/api/sessions/" + UUID.randomUUID(),
            "alert-service", "/api/alerts/" + UUID.randomUUID());

    private static final Map<String, String> POST = Map.of(
            "screening-service", "/api/screenings",
            "session-service", "/api/sessions",
            "alert-service", "/api/alerts/" + UUID.randomUUID() + "/resolve");

    @BeforeAll
    static void stack() {
        E2EStack.get();
    }

    @Test
    void everyApiResponseCarriesTheSecurityHeaders() {
        List<String> missing = new ArrayList<>();
        for (String service : READ.keySet()) {
            String base = E2EStack.url(service);
            Map<String, Response> responses = new LinkedHashMap<>();
            responses.put("200 " + READ.get(service), as("clinician1", service).get(READ.get(service)));
            responses.put("401 " + READ.get(service), given().baseUri(base).get(READ.get(service)));
            responses.put("403 " + READ.get(service), as("admin1", service).get(READ.get(service)));
            responses.put("404 " + UNKNOWN.get(service), as("clinician1", service).get(UNKNOWN.get(service)));
            responses.put("400 " + POST.get(service),
                    as("clinician1", service).body("{\"patientId\":").post(POST.get(service)));
            responses.put("health", given().baseUri(base).get("/q/health/ready"));
            responses.forEach((call, response) -> API_HEADERS.forEach((header, value) -> {
                if (!value.equals(response.header(header))) {
                    missing.add(service + " " + call + " (status " + response.statusCode() + "): " + header
                            + " was " + response.header(header));
                }
            }));
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theWebConsoleMayNotBeFramedOrSniffedAndItsScriptsCallOnlyTheStack() {
        Response page = given().baseUri(E2EStack.webUrl()).get("/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("frame-ancestors 'none'", "default-src 'self'", "script-src 'self'",
                "style-src 'self'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval");
        String connect = policy.replaceAll(".*connect-src ([^;]*).*", "$1");
        for (String service : new String[] {"screening-service", "session-service", "alert-service",
                "notification-service"}) {
            assertThat(connect.split(" ")).contains(E2EStack.url(service));
        }
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void corsAnswersTheWebConsoleOrigin() {
        String console = E2EStack.webUrl();
        for (String service : READ.keySet()) {
            Response preflight = preflight(service, console);
            assertThat(preflight.statusCode()).as(service).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).as(service).isEqualTo(console);
            assertThat(preflight.header("Access-Control-Allow-Methods")).as(service).contains("POST");
            assertThat(preflight.header("Access-Control-Allow-Headers")).as(service)
                    .containsIgnoringCase("authorization");

            Response read = as("clinician1", service).header("Origin", console).get(READ.get(service));
            assertThat(read.statusCode()).as(service).isEqualTo(200);
            assertThat(read.header("Access-Control-Allow-Origin")).as(service).isEqualTo(console);
        }
    }

    @Test
    void corsRefusesEveryOtherOrigin() {
        for (String origin : List.of("https://evil.example", "http://localhost:1", "null",
                E2EStack.webUrl() + ".evil.example")) {
            for (String service : READ.keySet()) {
                Response preflight = preflight(service, origin);
                assertThat(preflight.header("Access-Control-Allow-Origin")).as(service + " " + origin).isNull();
                assertThat(preflight.statusCode()).as(service + " " + origin).isEqualTo(403);

                Response read = as("clinician1", service).header("Origin", origin).get(READ.get(service));
                assertThat(read.header("Access-Control-Allow-Origin")).as(service + " " + origin).isNull();
                assertThat(read.statusCode()).as(service + " " + origin).isEqualTo(403);
            }
        }
    }

    private static Response preflight(String service, String origin) {
        return given().baseUri(E2EStack.url(service))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options(POST.get(service));
    }
}
