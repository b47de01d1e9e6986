import { useCallback } from "react";
import { useNavigate } from "react-router";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { signOut } from "./auth.api";

export const useSignOut = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return useCallback(() => {
    void signOut().then((serverAgreed) => {
      if (!serverAgreed) notifications.show({ color: "yellow", message: t("shell.signOutFailed") });
      void navigate("/sign-in", { replace: true });
    });
  }, [navigate, t]);
};
