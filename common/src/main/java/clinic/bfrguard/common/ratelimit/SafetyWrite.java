package clinic.bfrguard.common.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write that protects a patient (a symptom report, a band release): it is never turned away for load. The
 * per-user rate limit ({@link WriteRateFilter}) and a service's write limit both let it through at once, so it
 * never waits behind other writes and is never answered 429 or 503 for their sake.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SafetyWrite {
}
