from rest_framework import serializers

from heymilo.api.fields import ConstField, UnixTimeField
from heymilo.webhooks.models import EventType, Webhook


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
