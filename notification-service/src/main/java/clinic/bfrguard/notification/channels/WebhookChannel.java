package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.config.NotifyConfig;
import clinic.bfrguard.notification.domain.ContactPoints;
import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.WebhookFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;

/**
 * A signed JSON POST to a clinician's webhook target ({@link WebhookBodies}, {@link WebhookSignature}). Accepted
 * means a 2xx answer within {@code clinic.notify.webhook.timeout}; redirects are not followed ({@link HttpTargets}).
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final NotifyConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    public WebhookChannel(NotifyConfig config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.http = HttpTargets.client(config.webhook().timeout());
    }

    @Override
    public boolean sends(String channel) {
        return channel.startsWith(ContactPoints.WEBHOOK_CHANNEL_PREFIX);
    }

    @Override
    public Outcome send(Delivery delivery) {
        Instant now = clock.instant();
        boolean pagerDuty = delivery.format() == WebhookFormat.PAGERDUTY;
        ObjectNode body = pagerDuty
                ? WebhookBodies.pagerDuty(json, delivery, now, config.consoleUrl(), config.includePatientId())
                : WebhookBodies.cloudEvent(json, delivery, now, config.includePatientId());
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook body cannot be written", e);
        }
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.address()))
                .timeout(config.webhook().timeout())
                .header("Content-Type", pagerDuty ? "application/json" : "application/cloudevents+json")
                .header("User-Agent", "bfr-guard-notification-service")
                .header(WebhookSignature.IDEMPOTENCY_HEADER, delivery.idempotencyKey())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(config.webhook().signingKey(), timestamp, text))
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build();
        return HttpTargets.send(http, request, status -> status >= 200 && status < 300
                ? Outcome.accepted("HTTP " + status) : Outcome.refused("HTTP " + status));
    }
}
