"""Endpoints subscribed to "published" also receive the new "updated" event: a live page that
changes because something it shows changed is, to a receiver, republished."""

from django.db import migrations


def subscribe(apps, schema_editor):
    WebhookEndpoint = apps.get_model("equity", "WebhookEndpoint")
    for endpoint in WebhookEndpoint.objects.all():
        if "published" in endpoint.events and "updated" not in endpoint.events:
            endpoint.events = [*endpoint.events, "updated"]
            endpoint.save(update_fields=["events"])


def unsubscribe(apps, schema_editor):
    WebhookEndpoint = apps.get_model("equity", "WebhookEndpoint")
    for endpoint in WebhookEndpoint.objects.all():
        if "updated" in endpoint.events:
            endpoint.events = [event for event in endpoint.events if event != "updated"]
            endpoint.save(update_fields=["events"])


class Migration(migrations.Migration):
    dependencies = [("equity", "0006_publication_record")]

    operations = [migrations.RunPython(subscribe, unsubscribe)]
