package clinic.bfrguard.common.problem;

/**
 * A refusal the client can understand: thrown by services and turned into a problem+json answer. The detail is
 * shown to the user, so it says why in words and never carries more patient data than the request did.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String type;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, String type) {
        this(status, title, detail, type, null);
    }

    private ProblemException(int status, String title, String detail, String type, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    /** 429: the caller holds as much as one user may; answered with {@code Retry-After} in whole seconds. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "Too many requests", detail, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return type;
    }

    /** When the client may try again, in whole seconds; null when the answer does not say. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
