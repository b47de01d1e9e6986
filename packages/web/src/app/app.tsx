import { useMemo, useState } from "react";
import { RouterProvider } from "react-router";
import { QueryClientProvider } from "@tanstack/react-query";
import { DirectionProvider, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { Locale } from "@conveyor/contracts";
import { directionOf, LocaleProvider, useLocale } from "../i18n/locale-provider";
import { queryClient } from "./api";
import { createRouter } from "./router";
import { createAppTheme } from "./theme";

const ThemedApp = () => {
  const { locale } = useLocale();
  const theme = useMemo(() => createAppTheme(locale), [locale]);
  const [router] = useState(createRouter);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-center" />
      <RouterProvider router={router} />
    </MantineProvider>
  );
};

export const App = ({ initialLocale }: { initialLocale: Locale }) => (
  <DirectionProvider initialDirection={directionOf(initialLocale)} detectDirection={false}>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <ThemedApp />
      </LocaleProvider>
    </QueryClientProvider>
  </DirectionProvider>
);
