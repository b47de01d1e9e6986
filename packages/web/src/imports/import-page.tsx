import { useEffect } from "react";
import { useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Stack } from "@mantine/core";
import { idSchema, type ImportJob } from "@conveyor/contracts";
import { isApiError } from "../api/client";
import { clientsKey } from "../clients/clients.api";
import { dealsKey } from "../deals/deals.api";
import { NotFoundPage } from "../not-found/not-found-page";
import { LoadError, PageLoader } from "../ui/page-states";
import { isImportRunning } from "./import-file";
import { ImportMapping } from "./import-mapping-step";
import { ImportProgress } from "./import-progress";
import { ImportResult } from "./import-result";
import { ImportSteps } from "./import-steps";
import { getImport, importHistoryKey, importJobKey } from "./imports.api";

/** One import at `/imports/:id`: its column matching while a draft, its progress while running, then its result. */
export const ImportPage = () => {
  const { id = "" } = useParams();
  if (!idSchema.safeParse(id).success) return <NotFoundPage />;
  return <ImportJobView key={id} id={id} />;
};

const ImportJobView = ({ id }: { id: string }) => {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: importJobKey(id),
    queryFn: () => getImport(id),
    // Progress comes by asking every second while the runner works; a finished job does not change.
    refetchInterval: (query) => (query.state.data && isImportRunning(query.state.data.status) ? 1000 : false),
    staleTime: 0,
  });
  const status = job.data?.status;
  useEffect(() => {
    // What the import wrote shows in the lists and the history without a reload.
    if (status !== "done" && status !== "failed") return;
    void queryClient.invalidateQueries({ queryKey: clientsKey });
    void queryClient.invalidateQueries({ queryKey: dealsKey });
    void queryClient.invalidateQueries({ queryKey: importHistoryKey });
  }, [status, queryClient]);

  if (job.isPending) return <PageLoader />;
  if (job.isError) {
    if (isApiError(job.error, "not_found")) return <NotFoundPage />;
    return <LoadError error={job.error} onRetry={() => void job.refetch()} />;
  }

  const started = (next: ImportJob) => {
    queryClient.setQueryData(importJobKey(id), next);
    void queryClient.invalidateQueries({ queryKey: importHistoryKey });
  };

  return (
    <Stack gap="lg" data-testid="import-page" data-status={job.data.status}>
      <ImportSteps status={job.data.status} />
      <ImportStep job={job.data} onStarted={started} />
    </Stack>
  );
};

const ImportStep = ({ job, onStarted }: { job: ImportJob; onStarted: (job: ImportJob) => void }) => {
  switch (job.status) {
    case "draft":
      return <ImportMapping job={job} onStarted={onStarted} />;
    case "running":
      return <ImportProgress job={job} />;
    case "done":
    case "failed":
      return <ImportResult job={job} />;
  }
};
