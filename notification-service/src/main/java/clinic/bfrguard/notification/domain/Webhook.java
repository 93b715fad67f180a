package clinic.bfrguard.notification.domain;

/**
 * One webhook target of a clinician: a name they choose (the channel is {@code webhook:<name>}), the URL, the
 * format, and for PagerDuty the integration's routing key.
 */
public record Webhook(String name, String url, WebhookFormat format, String routingKey) {
}
