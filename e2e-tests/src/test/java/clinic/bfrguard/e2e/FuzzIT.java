package clinic.bfrguard.e2e;

import clinic.bfrguard.e2e.Endpoints.Body;
import clinic.bfrguard.e2e.Endpoints.Endpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random requests against every endpoint of {@link Endpoints}, each with a token of a role allowed there, and
 * each broken in one way: wrong JSON types, odd numbers, unknown enum values, missing, extra and null fields, deep
 * nesting, invalid UTF-8, wrong or no content type, bodies over the 64K limit, odd ids in the path and query, wrong
 * methods and headers. No answer may be a 5xx; every 4xx is RFC 9457 problem+json with status and title; a body
 * over the limit gets 413; and a request that failed stored nothing: each one that names a patient names a patient
 * of its own, and afterwards no screening, session or alert exists for any of them.
 *
 * <p>{@code -Dfuzz.seed=...} repeats a run (the seed is printed), {@code -Dfuzz.requests=...} changes its size.
 */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 8;
    private static final int LIMIT = 64 * 1024;

    private static String screeningId;
    private static String sessionId;

    /** One generated request: what was broken, and the patient it names (or null). */
    private record Case(int index, String mutation, RawHttp.Call call, String patient, boolean oversized) {

        /** A request line over the HTTP codec's 4096 bytes: refused with 414 before any route can see it. */
        boolean tooLong() {
            return call.path().length() > MAX_PATH;
        }
    }

    private static final int MAX_PATH = 4000;

    @BeforeAll
    static void prepare() throws InterruptedException {
        E2EStack.get();
        // a real screening and a real, active session, so that broken requests also reach the domain code
        String patient = Api.newPatient();
        screeningId = Api.screen("physio1", patient, "[]").then().statusCode(201).extract().path("id");
        Response started = Api.startSessionOnce(patient, r -> r.statusCode() == 201);
        assertEquals(201, started.statusCode(), started.asString());
        sessionId = started.path("id");
    }

    @Test
    void brokenRequestsGetProblemsNeverServerErrors() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int total = Integer.getInteger("fuzz.requests", 10_000);
        System.out.println("FuzzIT seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        String prefix = "FZ" + Long.toHexString(seed & 0xffffffffL);
        Generator generator = new Generator(new Random(seed), prefix, Endpoints.ALL);
        List<Case> cases = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            cases.add(generator.next(i));
        }

        Map<Integer, AtomicInteger> byStatus = new TreeMap<>();
        Map<String, AtomicInteger> byMutation = new TreeMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Set<String> succeededPatients = ConcurrentHashMap.newKeySet();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger resent = new AtomicInteger();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Case c : cases) {
            inFlight.acquireUninterruptibly();
            boolean closing = c.mutation().equals("oversized") || c.tooLong();
            pending.add(RawHttp.send(c.call(), closing).exceptionallyCompose(error -> {
                if (!RawHttp.staleConnection(error)) {
                    return CompletableFuture.failedFuture(error);
                }
                resent.incrementAndGet();
                return RawHttp.send(c.call(), closing);
            }).handle((answer, error) -> {
                try {
                    if (error != null) {
                        failures.add(c.index() + " " + c.mutation() + ": no answer (" + error.getMessage() + ")\n    "
                                + c.call().describe());
                        return null;
                    }
                    synchronized (byStatus) {
                        byStatus.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                        byMutation.computeIfAbsent(c.mutation(), s -> new AtomicInteger()).incrementAndGet();
                    }
                    String defect = defect(c, answer);
                    if (answer.status() >= 500) {
                        serverErrors.incrementAndGet();
                    }
                    if (defect != null) {
                        failures.add(c.index() + " " + c.mutation() + ": " + defect + "\n    " + c.call().describe()
                                + "\n    answer: " + RawHttp.abbreviate(answer.text(), 300));
                    }
                    if (answer.status() < 300) {
                        succeeded.incrementAndGet();
                        if (c.patient() != null) {
                            succeededPatients.add(c.patient());
                        }
                    }
                    return null;
                } finally {
                    inFlight.release();
                }
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("FuzzIT: %d requests in %.1f s (%d in flight), %d answered 2xx (valid by chance),"
                        + " %d 5xx, %d defects, %d resent after a stale connection%n  by status: %s%n"
                        + "  by mutation: %s%n",
                total, took.toMillis() / 1000.0, IN_FLIGHT, succeeded.get(), serverErrors.get(), failures.size(),
                resent.get(), byStatus, byMutation);

        List<String> stored = storedForFailedPatients(cases, succeededPatients);
        System.out.printf("FuzzIT: %d patients named only by failed requests checked, %d with something stored%n",
                cases.stream().filter(c -> c.patient() != null && !succeededPatients.contains(c.patient()))
                        .map(Case::patient).distinct().count(), stored.size());

        assertTrue(failures.isEmpty(), () -> failures.size() + " answers broke the rules (seed " + seed + "):\n"
                + failures.stream().sorted().limit(40).collect(Collectors.joining("\n")));
        assertTrue(stored.isEmpty(), () -> "failed requests stored something (seed " + seed + "):\n"
                + String.join("\n", stored.subList(0, Math.min(40, stored.size()))));
    }

    /** What is wrong with an answer, or null. */
    private static String defect(Case c, RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return "server error " + answer.status();
        }
        if (c.oversized() && answer.status() != 413) {
            return "a body over " + LIMIT + " bytes got " + answer.status() + " instead of 413";
        }
        if (c.tooLong()) {
            // answered by the codec, not by the service: the status is all there is
            return answer.status() == 414 ? null : "a request line over 4096 bytes got " + answer.status();
        }
        if (answer.status() >= 400) {
            String problem = answer.problemDefect();
            return problem == null ? null : answer.status() + " is not a problem: " + problem;
        }
        return null;
    }

    /** Every patient named only by failed requests, looked up in all three services as the roles allowed there. */
    private static List<String> storedForFailedPatients(List<Case> cases, Set<String> succeeded) {
        List<String> patients = cases.stream().map(Case::patient)
                .filter(p -> p != null && !succeeded.contains(p)).distinct().toList();
        List<String> stored = Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (String patient : patients) {
            List<RawHttp.Call> lookups = List.of(
                    new RawHttp.Call("screening-service", "GET", "/api/patients/" + patient + "/eligibility",
                            Tokens.of("physio1"), null, null),
                    new RawHttp.Call("session-service", "GET", "/api/sessions?patientId=" + patient,
                            Tokens.of("clinician1"), null, null),
                    new RawHttp.Call("alert-service", "GET", "/api/alerts?patientId=" + patient,
                            Tokens.of("clinician1"), null, null));
            for (RawHttp.Call lookup : lookups) {
                inFlight.acquireUninterruptibly();
                pending.add(RawHttp.send(lookup).handle((answer, error) -> {
                    try {
                        if (error != null || answer.status() != 200) {
                            stored.add("lookup failed: " + lookup.describe() + " → "
                                    + (error != null ? error.getMessage() : answer.status() + " " + answer.text()));
                        } else if (!nothing(lookup.service(), answer.json())) {
                            stored.add(lookup.service() + " holds " + RawHttp.abbreviate(answer.text(), 300));
                        }
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return stored;
    }

    private static boolean nothing(String service, JsonNode answer) {
        if (service.equals("screening-service")) {
            return "NO_SCREENING".equals(answer.path("status").asText());
        }
        return answer.isArray() && answer.isEmpty();
    }


    /** Broken requests, drawn from one seeded random source, so a seed repeats a run. */
    private static final class Generator {

        private static final List<String> BODY_MUTATIONS = List.of("wrong-type", "odd-number", "unknown-enum",
                "missing-field", "extra-field", "null", "deep-nesting", "invalid-utf8", "content-type", "oversized",
                "garbage", "truncated", "empty-body", "long-string", "odd-path", "wrong-method", "control-chars",
                "two-at-once");
        private static final List<String> BARE_MUTATIONS = List.of("odd-path", "odd-query", "stray-body",
                "wrong-method", "odd-header", "oversized");
        private static final Set<String> ENUM_FIELDS = Set.of("limb", "symptom", "code", "conditions");
        private static final List<String> ODD_IDS = List.of("..", "../", "..%2f", "%2e%2e%2f", "%2e%2e",
                "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "....//", "..;", ";", "%3B", "%00", "%ff", "%C3%28", "%E2%98%83",
                "%F0%9F%92%A9", "%C3%BC%C3%B1%C3%AF%C3%A7%C3%B8d%C3%A9", "%20", "+", "%25", "%2525", "-1", "0",
                "null", "undefined", "%7B%7D", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "00000000-0000-0000-0000-000000000000",
                "00000000-0000-0000-0000-0000000000000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "%5C..%5C", "~", ".",
                "a%0Ab", "a%0D%0AX-Injected:%201", "*", "%2A", "$%7Bjndi:ldap://x%7D");
        private static final List<String> ODD_QUERY = List.of("", "-1", "0", "501", "99999999999999999999",
                "abc", "NaN", "1e3", "1.5", "open", "OPEN%00", "P%00", "%00", "%E2%98%83", "a%20b", "%25", "true", "%5B%5D",
                "%7B%22a%22:1%7D", "x".repeat(100), "ACTIVE,COMPLETED", "-2147483649");
        private static final List<String> ODD_NUMBERS = List.of("1e309", "-1e309", "-1", "0", "-0",
                "99999999999999999999999999", "-99999999999999999999999999", "2147483648", "-2147483649",
                "9223372036854775808", "1.7976931348623157E309", "1e-400", "0.0000000000000000000001", "1.5", "4.9E-324",
                "NaN", "Infinity", "-Infinity", "+1", "01", "1_000", "0x10", "1e2147483648", "123456789012345678901234567890.5");
        private static final List<String> ODD_ENUMS = List.of("LEFT_LEG", "", " ", "left_arm", "LEFT ARM",
                "LEFT_ARM ", "\u0000", "ÄRM", "null", "1", "NECK", "DROP TABLE", "LEFT_ARM\u202e", "☃");
        private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
                "application/json; charset=nonsense", "application/json; charset=ISO-8859-1", "application/octet-stream",
                "*/*", "application/*", "json", "application/json;;;", "APPLICATION/JSON", "application/merge-patch+json",
                "application/problem+json", "text/json", "application/json; boundary=\"", "/", "text/event-stream");
        private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "*/*", "application/json;q=0",
                "???", "text/event-stream", "application/problem+json", "image/png", "");
        private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {0x00});
        private static final List<String> WRONG_METHODS = List.of("PUT", "DELETE", "PATCH");

        private final Random random;
        private final String prefix;
        private final List<Endpoint> endpoints;

        Generator(Random random, String prefix, List<Endpoint> endpoints) {
            this.random = random;
            this.prefix = prefix;
            this.endpoints = endpoints;
        }

        Case next(int index) {
            Endpoint endpoint = pick(endpoints);
            String role = pick(endpoint.roles().stream().sorted().toList());
            String token = Tokens.of(Endpoints.user(role));
            // each request that names a patient names one of its own: if it fails, nothing may exist for them
            String patient = prefix + "-" + index;
            boolean namesPatient = endpoint.namesPatient();
            String path = endpoint.path().replace("{patientId}", patient).replace("{screeningId}", screeningId)
                    .replace("{sessionId}", sessionId);
            while (path.contains("{randomId}")) {
                path = path.replaceFirst("\\{randomId}", someId(endpoint));
            }
            Map<String, String> headers = endpoint.stream() ? Map.of("Accept", "text/event-stream") : Map.of();
            boolean bodied = endpoint.body() != Body.NONE;
            String mutation = pick(bodied ? BODY_MUTATIONS : BARE_MUTATIONS);
            String method = endpoint.method();
            String contentType = bodied ? "application/json" : null;
            byte[] body = null;
            boolean oversized = false;
            ObjectNode json = bodied ? template(endpoint, patient) : null;
            List<String> mutations = mutation.equals("two-at-once")
                    ? List.of(pick(BODY_MUTATIONS.subList(0, 8)), pick(BODY_MUTATIONS.subList(0, 8)))
                    : List.of(mutation);
            Map<String, String> raw = new TreeMap<>();
            String rawBody = null;
            for (String m : mutations) {
                switch (m) {
                    case "wrong-type" -> json.set(field(json), wrongType());
                    case "control-chars" -> json.put(field(json),
                            pick(List.of("a\u0000b", "\u0000", "x\u0001\u001f", "\ud800", "a\udfffb", "\uffff")));
                    case "odd-number" -> {
                        String key = "__RAW_" + raw.size() + "__";
                        raw.put(key, pick(ODD_NUMBERS));
                        json.put(numberField(json), key);
                    }
                    case "unknown-enum" -> {
                        String f = enumField(json);
                        if (f.equals("conditions")) {
                            json.set(f, JSON.createArrayNode().add("AGE_OVER_60").add(pick(ODD_ENUMS)));
                        } else {
                            json.put(f, pick(ODD_ENUMS));
                        }
                    }
                    case "missing-field" -> {
                        if (json.isEmpty()) {
                            break;
                        }
                        int remove = 1 + random.nextInt(json.size());
                        for (int i = 0; i < remove && !json.isEmpty(); i++) {
                            json.remove(field(json));
                        }
                    }
                    case "extra-field" -> {
                        json.set(pick(List.of("id", "screenedBy", "outcome", "status", "x", "", "__proto__",
                                "patientId ", "totalPoints", "constructor")), wrongType());
                        json.set(field(json), wrongType());
                    }
                    case "null" -> {
                        if (random.nextInt(4) == 0) {
                            rawBody = pick(List.of("null", "{}", "[]", "\"\"", "0", "true", "[null]", "{\"\":null}"));
                        } else {
                            json.putNull(field(json));
                        }
                    }
                    case "deep-nesting" -> {
                        int depth = pick(List.of(100, 999, 1000, 1001, 2000, 5000, 15000));
                        boolean arrays = random.nextBoolean();
                        String nested = (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
                        if (random.nextBoolean()) {
                            rawBody = nested;
                        } else {
                            String key = "__RAW_" + raw.size() + "__";
                            raw.put(key, nested);
                            json.put(random.nextBoolean() ? field(json) : "extra", key);
                        }
                    }
                    default -> {
                    }
                }
            }
            if (bodied) {
                String text = rawBody != null ? rawBody : json.toString();
                for (Map.Entry<String, String> r : raw.entrySet()) {
                    text = text.replace("\"" + r.getKey() + "\"", r.getValue());
                }
                body = text.getBytes(StandardCharsets.UTF_8);
            }
            switch (mutation) {
                case "invalid-utf8" -> body = withInvalidUtf8(body);
                case "content-type" -> contentType = random.nextInt(5) == 0 ? null : pick(CONTENT_TYPES);
                case "oversized" -> {
                    body = oversized(bodied ? json : null);
                    contentType = "application/json";
                    oversized = bodied;
                }
                case "garbage" -> {
                    body = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(body);
                }
                case "truncated" -> body = java.util.Arrays.copyOf(body, random.nextInt(Math.max(1, body.length - 1)));
                case "empty-body" -> body = random.nextBoolean() ? null : new byte[0];
                case "long-string" -> {
                    json.put(field(json), "x".repeat(100 + random.nextInt(60_000)));
                    body = json.toString().getBytes(StandardCharsets.UTF_8);
                }
                case "odd-path" -> path = oddPath(path);
                case "odd-query" -> path = oddQuery(path);
                case "stray-body" -> {
                    body = random.nextBoolean() ? "{\"patientId\":\"x\"}".getBytes(StandardCharsets.UTF_8)
                            : "<xml/>".getBytes(StandardCharsets.UTF_8);
                    contentType = pick(CONTENT_TYPES);
                }
                case "wrong-method" -> method = pick(WRONG_METHODS);
                case "odd-header" -> {
                    if (endpoint.stream() && random.nextBoolean()) {
                        headers = Map.of("Accept", "text/event-stream", "Last-Event-ID",
                                pick(List.of("-1", "abc", "99999999999999999999", "1", "0", " ", "1.5", "0x10", "9223372036854775807")));
                    } else {
                        headers = Map.of("Accept", pick(ACCEPTS));
                    }
                }
                default -> {
                }
            }
            RawHttp.Call call = new RawHttp.Call(endpoint.service(), method, path, token, contentType, body, headers);
            return new Case(index, mutation, call, namesPatient ? patient : null, oversized);
        }

        /** An id that exists nowhere (drawn from the seed, so a run repeats), or the prepared one of the service. */
        private String someId(Endpoint endpoint) {
            String unknown = new UUID(random.nextLong(), random.nextLong()).toString();
            if (random.nextBoolean()) {
                return unknown;
            }
            return switch (endpoint.service()) {
                case "session-service" -> sessionId;
                case "screening-service" -> screeningId;
                default -> unknown;
            };
        }

        private ObjectNode template(Endpoint endpoint, String patient) {
            try {
                return (ObjectNode) JSON.readTree(endpoint.bodyTemplate().replace("{newPatient}", patient)
                        .replace("{patientId}", patient));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String field(ObjectNode json) {
            List<String> names = new ArrayList<>();
            json.properties().forEach(e -> names.add(e.getKey()));
            return names.isEmpty() ? "patientId" : pick(names);
        }

        private String numberField(ObjectNode json) {
            List<String> numbers = new ArrayList<>();
            json.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    numbers.add(e.getKey());
                }
            });
            return numbers.isEmpty() ? field(json) : pick(numbers);
        }

        private String enumField(ObjectNode json) {
            List<String> enums = new ArrayList<>();
            json.properties().forEach(e -> {
                if (ENUM_FIELDS.contains(e.getKey())) {
                    enums.add(e.getKey());
                }
            });
            return enums.isEmpty() ? field(json) : pick(enums);
        }

        private JsonNode wrongType() {
            return switch (random.nextInt(8)) {
                case 0 -> JSON.getNodeFactory().textNode("122");
                case 1 -> JSON.getNodeFactory().numberNode(random.nextInt());
                case 2 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
                case 3 -> JSON.createArrayNode().add("LEFT_ARM").add(1);
                case 4 -> JSON.createObjectNode().put("limb", "LEFT_ARM");
                case 5 -> JSON.getNodeFactory().numberNode(random.nextDouble() * 1e6);
                case 6 -> JSON.getNodeFactory().textNode("");
                default -> {
                    ArrayNode array = JSON.createArrayNode();
                    array.addObject().put("code", "LIMB_FRACTURE").put("limb", 7);
                    yield array;
                }
            };
        }

        private byte[] withInvalidUtf8(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("\":\"");
            int offset = at < 0 ? body.length / 2 : text.substring(0, at + 3).getBytes(StandardCharsets.UTF_8).length;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(body, 0, offset);
            out.writeBytes(pick(BAD_UTF8));
            out.write(body, offset, body.length - offset);
            return out.toByteArray();
        }

        private byte[] oversized(ObjectNode json) {
            int size = LIMIT + 1 + random.nextInt(3 * LIMIT);
            if (json != null && random.nextBoolean()) {
                json.put(field(json), "x".repeat(size));
                return json.toString().getBytes(StandardCharsets.UTF_8);
            }
            byte[] body = new byte[size];
            java.util.Arrays.fill(body, (byte) '[');
            return body;
        }

        private String oddPath(String path) {
            int query = path.indexOf('?');
            String route = query < 0 ? path : path.substring(0, query);
            String rest = query < 0 ? "" : path.substring(query);
            String[] segments = route.split("/");
            // segments: "", "api", "screenings", ... : replace an id if there is one, else append an odd segment
            List<Integer> ids = new ArrayList<>();
            for (int i = 3; i < segments.length; i++) {
                if (segments[i].matches("[0-9a-f-]{36}") || segments[i].startsWith(prefix)) {
                    ids.add(i);
                }
            }
            String odd = switch (random.nextInt(12)) {
                case 0 -> "a".repeat(100 + random.nextInt(3000));
                case 1 -> "%E2%98%83".repeat(10 + random.nextInt(300));
                case 2 -> "b".repeat(5000);
                default -> pick(ODD_IDS);
            };
            if (ids.isEmpty()) {
                return route + "/" + odd + rest;
            }
            segments[pick(ids)] = odd;
            return String.join("/", segments) + rest;
        }

        private String oddQuery(String path) {
            int query = path.indexOf('?');
            if (query < 0) {
                return path + "?" + pick(List.of("limit", "status", "x", "patientId")) + "=" + pick(ODD_QUERY);
            }
            String[] params = path.substring(query + 1).split("&");
            for (int i = 0; i < params.length; i++) {
                if (random.nextBoolean()) {
                    params[i] = params[i].substring(0, params[i].indexOf('=') + 1) + pick(ODD_QUERY);
                }
            }
            String extra = random.nextInt(3) == 0 ? "&status=OPEN&status=RESOLVED&limit=1&limit=2" : "";
            return path.substring(0, query + 1) + String.join("&", params) + extra;
        }

        private <T> T pick(List<T> options) {
            return options.get(random.nextInt(options.size()));
        }
    }
}
