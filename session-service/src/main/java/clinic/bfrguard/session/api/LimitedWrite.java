package clinic.bfrguard.session.api;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A session change: it waits its turn under {@code clinic.intake.max-concurrent-writes}. Symptom reports and band
 * releases are {@link clinic.bfrguard.common.ratelimit.SafetyWrite}s instead, which never wait.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface LimitedWrite {
}
