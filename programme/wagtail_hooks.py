"""The programme app's additions elsewhere: the actions section of association profiles."""

from wagtail import hooks

from associations.profile_sections import PROFILE_SECTIONS_HOOK
from programme.profile_sections import programme_actions

hooks.register(PROFILE_SECTIONS_HOOK, programme_actions)
