package io.cloudunit.gateway.events;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.EventJson;

/**
 * A CloudEvent in structured JSON mode, the shape SSE messages, /events/history and webhooks carry.
 * {@code sequence} (the event's number among its source's events for the tenant, as a decimal string) is
 * left out for events their producer did not number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StructuredEvent(String specversion, String id, String type, String source, String subject,
        String time, String tenant, String sequence, String datacontenttype, JsonNode data) {

    public static StructuredEvent of(CloudEvent event) {
        return new StructuredEvent(CloudEvent.SPEC_VERSION, event.id().toString(), event.type(), event.source(),
                event.subject(), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time()
                        .withOffsetSameInstant(ZoneOffset.UTC)),
                event.tenant(), event.sequence() == null ? null : event.sequence().toString(),
                CloudEvent.CONTENT_TYPE, payload(event.data()));
    }

    public String toJson() {
        return EventJson.write(this);
    }

    private static JsonNode payload(String data) {
        try {
            return EventJson.mapper().readTree(data);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(data);
        }
    }
}
