from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from heymilo.api.fields import ConstField, UnixTimeField
from webhooks.models import EventType, Webhook, WebhookDelivery, WebhookDeliveryAttempt


class WebhookIn(serializers.Serializer):
    posting_id = serializers.CharField(max_length=8)
    url = serializers.URLField(max_length=2000, required=False, help_text="As the guides send it.")
    webhook_url = serializers.URLField(
        max_length=2000, required=False, help_text="As the v2 API sends it."
    )
    event_type = serializers.ChoiceField(choices=EventType.choices)

    def validate(self, attrs):
        url, alias = attrs.pop("url", None), attrs.pop("webhook_url", None)
        if url and alias and url != alias:
            raise serializers.ValidationError({"url": ["Differs from webhook_url; send one."]})
        if not (url or alias):
            raise serializers.ValidationError({"url": ["This field is required."]})
        attrs["url"] = url or alias
        if not attrs["url"].lower().startswith(("http://", "https://")):
            raise serializers.ValidationError({"url": ["Must be an http or https URL."]})
        return attrs


class WebhookOut(serializers.ModelSerializer):
    object = ConstField("webhook")
    id = serializers.CharField(source="public_id")
    webhook_id = serializers.CharField(source="public_id")
    posting_id = serializers.CharField(source="posting.public_id")
    webhook_url = serializers.CharField(source="url")
    created_at = UnixTimeField()
    updated_at = UnixTimeField()

    class Meta:
        model = Webhook
        fields = [
            "object",
            "id",
            "webhook_id",
            "posting_id",
            "url",
            "webhook_url",
            "event_type",
            "is_active",
            "disabled_reason",
            "created_at",
            "updated_at",
        ]


class WebhookCreatedOut(WebhookOut):
    secret = serializers.CharField(help_text="The signing secret. Shown only in this response.")

    class Meta(WebhookOut.Meta):
        fields = [*WebhookOut.Meta.fields, "secret"]


class WebhookDeletedOut(serializers.Serializer):
    object = serializers.CharField()
    id = serializers.CharField()
    deleted = serializers.BooleanField()


class RotateSecretIn(serializers.Serializer):
    grace_period_seconds = serializers.IntegerField(
        min_value=0,
        max_value=7 * 24 * 3600,
        default=0,
        help_text="How long the old secret keeps signing too (a second v1); 0 ends it now.",
    )


class DeliveryAttemptOut(serializers.ModelSerializer):
    object = ConstField("webhook_delivery_attempt")
    started_at = UnixTimeField()

    class Meta:
        model = WebhookDeliveryAttempt
        fields = [
            "object",
            "number",
            "succeeded",
            "status_code",
            "duration_ms",
            "error",
            "response_excerpt",
            "started_at",
        ]


class DeliveryOut(serializers.ModelSerializer):
    object = ConstField("webhook_delivery")
    id = serializers.CharField(source="public_id")
    webhook_id = serializers.CharField(source="webhook.public_id")
    event_id = serializers.CharField(source="event.public_id")
    event_type = serializers.CharField(source="event.event_type")
    interview_id = serializers.SerializerMethodField()
    is_test = serializers.BooleanField(source="event.is_test")
    status = serializers.ChoiceField(choices=WebhookDelivery.Status.choices)
    next_attempt_at = UnixTimeField(allow_null=True)
    last_attempt_at = UnixTimeField(allow_null=True)
    completed_at = UnixTimeField(allow_null=True)
    created_at = UnixTimeField()
    attempts = DeliveryAttemptOut(many=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "object",
            "id",
            "webhook_id",
            "event_id",
            "event_type",
            "interview_id",
            "is_test",
            "status",
            "attempt_count",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "last_attempt_at",
            "completed_at",
            "created_at",
            "attempts",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_interview_id(self, delivery) -> str | None:
        return delivery.event.interview_id or None  # test events concern no interview
