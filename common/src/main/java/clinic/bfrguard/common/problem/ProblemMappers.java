package clinic.bfrguard.common.problem;

import clinic.bfrguard.common.concurrent.WriteLimit;
import clinic.bfrguard.common.domain.DomainException;
import clinic.bfrguard.common.domain.InvalidInput;
import clinic.bfrguard.common.domain.RecordNotFound;
import clinic.bfrguard.common.domain.RuleViolation;
import clinic.bfrguard.common.ratelimit.TooManyWrites;
import clinic.bfrguard.common.sites.SiteForbidden;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Every error leaves as RFC 9457 problem+json; bad input is a 4xx with a reason, never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** What a 503 asks the client to wait: a restarting database is usually back within seconds. */
    private static final String RETRY_AFTER_SECONDS = "5";
    /** How RESTEasy Reactive says that a request's media type header is not a media type. */
    static final String UNPARSEABLE_MEDIA_TYPE = "Failed to parse media type";

    /** What a 503 for an overloaded service asks the client to wait. */
    private static final String BUSY_RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response answer = answer(new Problem(type(e.type()), e.title(), e.status(), e.getMessage(), path(uri), null));
        if (e.retryAfterSeconds() == null) {
            return answer;
        }
        return Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .build();
    }

    /** A domain rule's refusal: the record does not exist (404), a rule forbids the change (409), or bad input (400). */
    @ServerExceptionMapper
    public Response refused(DomainException e, UriInfo uri) {
        if (e instanceof RecordNotFound) {
            return answer(new Problem(type(null), "Not found", 404, e.getMessage(), path(uri), null));
        }
        if (e instanceof RuleViolation) {
            return answer(new Problem(type(null), "Conflict", 409, e.getMessage(), path(uri), null));
        }
        if (e instanceof InvalidInput invalid && invalid.field().isPresent()) {
            // the same answer as a Bean Validation error, so a client handles both alike
            return answer(new Problem(type(null), "Invalid request", 400, e.getMessage(), path(uri),
                    List.of(new Problem.FieldError(invalid.field().get(), invalid.fieldMessage()))));
        }
        return answer(new Problem(type(null), "Bad request", 400, e.getMessage(), path(uri), null));
    }

    /** A change that waited its turn too long (the service is overloaded): the client tries again shortly. */
    @ServerExceptionMapper
    public Response busy(WriteLimit.Busy e, UriInfo uri) {
        LOG.warn("Overloaded: a change waited too long for its turn, answered 503");
        return unavailable(e.getMessage(), BUSY_RETRY_AFTER_SECONDS, uri);
    }

    /** A user made more writes than the rate limit allows: told in whole seconds when the next one is. */
    @ServerExceptionMapper
    public Response tooMany(TooManyWrites e, UriInfo uri) {
        LOG.warn("Rate limited: a user's writes exceeded the allowance, answered 429");
        return Response.fromResponse(answer(new Problem(type(null), "Too many requests", 429, e.getMessage(),
                        path(uri), null)))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return answer(new Problem(type(null), "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonParseException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(new Problem(type(null), "Forbidden", 403,
                "Your role does not allow this action", path(uri), null));
    }

    /** A change asked for at a site the caller does not belong to; reading such a record is a 404 instead. */
    @ServerExceptionMapper
    public Response otherSite(SiteForbidden e, UriInfo uri) {
        return answer(new Problem(type(null), "Forbidden", 403, e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(answer(new Problem(type(null), "Unauthorized", 401,
                        "A valid bearer token from the clinic realm is required", path(uri), null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadableBody(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType statusInfo = Response.Status.fromStatusCode(status);
        String title = statusInfo != null ? statusInfo.getReasonPhrase() : "HTTP " + status;
        String detail = status < 500 && standardDetail(status) == null ? e.getMessage() : standardDetail(status);
        Response.ResponseBuilder builder = Response.fromResponse(
                answer(new Problem(type(null), title, status, detail, path(uri), null)));
        return builder.build();
    }

    /** 503 problem+json that tells the client when to try again. */
    private Response unavailable(String detail, String retryAfterSeconds, UriInfo uri) {
        return Response.fromResponse(answer(new Problem(type(null), "Service unavailable", 503, detail, path(uri),
                        null)))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Optional<Throwable> databaseDown = DatabaseFailures.unavailableCause(e);
        if (databaseDown.isPresent()) {
            // an outage, not a defect: the client tries again; one line without a stack trace per refused request
            LOG.warnf("Database unavailable, answered 503: %s", DatabaseFailures.describe(databaseDown.get()));
            return unavailable("The service cannot reach its database; try again in a few seconds",
                    RETRY_AFTER_SECONDS, uri);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // SQLSTATE class 22, "data exception": a value of the request the database cannot hold (such as a NUL
            // character in a text); the transaction was rolled back, so nothing of the request is stored
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return answer(new Problem(type(null), "Invalid request", 400,
                        "A value in the request cannot be stored (for example a NUL character in a text)", path(uri),
                        null));
            }
        }
        if (e instanceof IllegalArgumentException && e.getMessage() != null
                && e.getMessage().startsWith(UNPARSEABLE_MEDIA_TYPE)) {
            // Jakarta REST reads Content-Type to choose among the methods of one path (JSON or CSV, say)
            return answer(new Problem(type(null), "Bad request", 400,
                    "Content-Type and Accept must be media types such as application/json", path(uri), null));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return answer(new Problem(type(null), "Internal error", 500,
                "The service could not complete the request (incident " + incident + ")", path(uri), null));
    }

    /** What a status means to the client when nothing more specific is known; null when it depends on the case. */
    static String standardDetail(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token from the clinic realm is required";
            case 403 -> "Your role does not allow this action";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "This resource answers application/json";
            case 415 -> "Send the body as application/json";
            case 413 -> "The request body is too large";
            default -> status < 500 ? null : "The service could not complete the request";
        };
    }

    private Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String detail;
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            detail = "'" + format.getValue() + "' is not one of "
                    + Arrays.toString(format.getTargetType().getEnumConstants());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            detail = "expected " + describe(mismatch.getTargetType());
        } else {
            detail = "the body is not valid JSON";
        }
        List<Problem.FieldError> errors = field.isEmpty() ? null : List.of(new Problem.FieldError(field, detail));
        return answer(new Problem(type(null), "Invalid request", 400,
                field.isEmpty() ? detail : field + ": " + detail, path(uri), errors));
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The JSON field a violation is about ("limbRestrictions[0].limb"), or the parameter's name. */
    private static String field(ConstraintViolation<?> violation) {
        String parameter = "";
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
            }
        }
        return field.isEmpty() ? parameter : field.toString();
    }

    private static String type(String type) {
        return type == null ? "about:blank" : type;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
