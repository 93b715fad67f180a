package clinic.bfrguard.e2e;

import java.util.List;
import java.util.Set;

/**
 * Every endpoint of the four services, once: who may call it, and a request an allowed role can make. The role
 * matrix calls each with every kind of caller; the fuzz test starts from the same requests and breaks them.
 *
 * <p>Paths and bodies hold placeholders the tests fill in: {@code {patientId}}, {@code {screeningId}} and
 * {@code {sessionId}} name things the test prepared, {@code {newPatient}} a patient never seen before and
 * {@code {randomId}} an id that exists nowhere (so an allowed role gets a well-defined 404).
 */
final class Endpoints {

    static final String PHYSIO = "physiotherapist";
    static final String CLINICIAN = "clinician";
    static final String ADMIN = "clinic-admin";

    /** The demo user who holds each role. */
    static String user(String role) {
        return switch (role) {
            case PHYSIO -> "physio1";
            case CLINICIAN -> "clinician1";
            case ADMIN -> "admin1";
            default -> throw new IllegalArgumentException(role);
        };
    }

    /** How an endpoint takes its body. */
    enum Body {
        /** no body */
        NONE,
        /** a JSON body is required */
        JSON,
        /** a JSON body may be sent, or nothing */
        OPTIONAL_JSON
    }

    /**
     * One endpoint. {@code allowedStatus} is what an allowed role gets for the request described here;
     * {@code pending} marks an endpoint that is not in every build yet: its role cells are skipped while a
     * clinic-admin gets 404 for it.
     */
    record Endpoint(String service, String method, String path, Set<String> roles, int allowedStatus, Body body,
            String bodyTemplate, boolean stream) {

        String name() {
            return method + " " + service.replace("-service", "") + " " + path;
        }

        /** The path without its query. */
        String route() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        /** Whether the body names a patient (so a fuzzed request could store something for that patient). */
        boolean namesPatient() {
            return bodyTemplate != null && bodyTemplate.contains("\"patientId\"");
        }
    }

    private static Endpoint get(String service, String path, int status, String... roles) {
        return new Endpoint(service, "GET", path, Set.of(roles), status, Body.NONE, null, false);
    }

    private static Endpoint post(String service, String path, int status, Body body, String template,
            String... roles) {
        return new Endpoint(service, "POST", path, Set.of(roles), status, body, template, false);
    }

    private static Endpoint put(String service, String path, int status, String template, String... roles) {
        return new Endpoint(service, "PUT", path, Set.of(roles), status, Body.JSON, template, false);
    }

    static final List<Endpoint> ALL = List.of(
            // screening-service
            post("screening-service", "/api/screenings", 201, Body.JSON,
                    "{\"patientId\":\"{newPatient}\",\"systolic\":122,\"diastolic\":78,\"conditions\":[\"AGE_OVER_60\"],"
                            + "\"limbRestrictions\":[{\"code\":\"LIMB_FRACTURE\",\"limb\":\"LEFT_ARM\"}],"
                            + "\"notes\":\"fit to train\"}",
                    PHYSIO, CLINICIAN),
            get("screening-service", "/api/screenings/{screeningId}", 200, PHYSIO, CLINICIAN),
            post("screening-service", "/api/screenings/{randomId}/clearance", 404, Body.JSON,
                    "{\"note\":\"BFR acceptable after review\"}", CLINICIAN),
            get("screening-service", "/api/patients/{patientId}/eligibility", 200, PHYSIO, CLINICIAN),
            get("screening-service", "/api/patients/{patientId}/screenings?limit=10", 200, PHYSIO, CLINICIAN),
            get("screening-service", "/api/screening-checklist", 200, PHYSIO, CLINICIAN),
            // session-service
            post("session-service", "/api/sessions", 201, Body.JSON, "{\"patientId\":\"{patientId}\"}", PHYSIO),
            get("session-service", "/api/sessions/{sessionId}", 200, PHYSIO, CLINICIAN),
            get("session-service", "/api/sessions?patientId={patientId}&status=COMPLETED&limit=10", 200,
                    PHYSIO, CLINICIAN),
            post("session-service", "/api/sessions/{randomId}/bands", 404, Body.JSON,
                    "{\"limb\":\"LEFT_ARM\",\"perceivedPressure\":5,\"pressureMmHg\":180}", PHYSIO),
            post("session-service", "/api/sessions/{randomId}/bands/{randomId}/release", 404, Body.NONE, null,
                    PHYSIO),
            post("session-service", "/api/sessions/{randomId}/sets", 404, Body.JSON,
                    "{\"exercise\":\"LEG_PRESS\",\"limb\":\"LEFT_THIGH\",\"loadPercentOneRm\":30,\"reps\":15,"
                            + "\"rpe\":7}",
                    PHYSIO),
            post("session-service", "/api/sessions/{randomId}/symptoms", 404, Body.JSON,
                    "{\"symptom\":\"PAIN\",\"note\":\"mild ache\"}", PHYSIO),
            post("session-service", "/api/sessions/{randomId}/complete", 404, Body.NONE, null, PHYSIO),
            get("session-service", "/api/patients/{patientId}/sessions?limit=10", 200, PHYSIO, CLINICIAN),
            get("session-service", "/api/exercises", 200, PHYSIO, CLINICIAN),
            // alert-service
            get("alert-service", "/api/alerts?status=OPEN&severity=HIGH&patientId={patientId}&limit=10", 200,
                    CLINICIAN),
            get("alert-service", "/api/alerts/{randomId}", 404, CLINICIAN),
            post("alert-service", "/api/alerts/{randomId}/acknowledge", 404, Body.NONE, null, CLINICIAN),
            post("alert-service", "/api/alerts/{randomId}/resolve", 404, Body.OPTIONAL_JSON,
                    "{\"note\":\"handled at the bedside\"}", CLINICIAN),
            new Endpoint("alert-service", "GET", "/api/alerts/stream", Set.of(CLINICIAN), 200, Body.NONE, null,
                    true),
            // notification-service; a rota naming someone with no contact points is refused, so the matrix
            // changes no site's rota
            get("notification-service", "/api/oncall/north", 200, PHYSIO, CLINICIAN, ADMIN),
            put("notification-service", "/api/oncall/north", 400,
                    "{\"timeZone\":\"Europe/Madrid\",\"handoff\":\"08:00\",\"rotationStart\":\"2026-01-05\","
                            + "\"steps\":[{\"name\":\"primary\",\"members\":[\"{randomId}\"],\"shiftDays\":7}],"
                            + "\"overrides\":[]}",
                    ADMIN),
            get("notification-service", "/api/oncall/me/contacts", 200, CLINICIAN),
            put("notification-service", "/api/oncall/me/contacts", 200,
                    "{\"email\":\"clinician1@clinic.example\",\"webhooks\":[]}", CLINICIAN),
            post("notification-service", "/api/oncall/me/test", 200, Body.NONE, null, CLINICIAN),
            get("notification-service", "/api/notifications?alertId={randomId}", 200, CLINICIAN),
            // the audit trail, for clinic IT: each service keeps its own, also under its name (the Ingress's route)
            audit("screening-service", "/api/audit"),
            audit("session-service", "/api/audit"),
            audit("alert-service", "/api/audit"),
            audit("notification-service", "/api/audit"),
            audit("screening-service", "/api/audit/screening"),
            audit("session-service", "/api/audit/session"),
            audit("alert-service", "/api/audit/alert"),
            audit("notification-service", "/api/audit/notification"),
            // and checks its hash chain
            get("screening-service", "/api/audit/verify", 200, ADMIN),
            get("session-service", "/api/audit/verify", 200, ADMIN),
            get("alert-service", "/api/audit/verify", 200, ADMIN),
            get("notification-service", "/api/audit/verify", 200, ADMIN),
            get("screening-service", "/api/audit/screening/verify", 200, ADMIN),
            get("session-service", "/api/audit/session/verify", 200, ADMIN),
            get("alert-service", "/api/audit/alert/verify", 200, ADMIN),
            get("notification-service", "/api/audit/notification/verify", 200, ADMIN));

    private static Endpoint audit(String service, String path) {
        return new Endpoint(service, "GET", path + "?from=2026-01-01T00:00:00Z&actor=physio1&limit=50", Set.of(ADMIN),
                200, Body.NONE, null, false);
    }

    private Endpoints() {
    }
}
