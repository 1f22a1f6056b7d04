"""Presentation shared by handlers and dialogs: command menus, help, role names."""
