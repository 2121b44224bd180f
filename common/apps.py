from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common"

    def ready(self):
        # One rule for every text field of every form and serializer, ours and the libraries'
        # (admin, Viewflow, DRF): a control character is refused with a message where it is
        # typed. Listing the validator on each field would miss the next field somebody adds.
        # (Imported in ready(): DRF reads the settings when its modules load.)
        from django import forms
        from rest_framework import serializers

        from .text import reject_control_characters

        for field_class in (forms.CharField, serializers.CharField):
            if reject_control_characters not in field_class.default_validators:
                field_class.default_validators = [
                    *field_class.default_validators,
                    reject_control_characters,
                ]
