import { SimpleGrid, Code } from "@mantine/core";

/** Recovery codes, shown once, in a grid that copies cleanly. */
export const RecoveryCodesList = ({ codes }: { codes: readonly string[] }) => (
  <SimpleGrid cols={2} spacing="xs" dir="ltr" data-testid="recovery-codes">
    {codes.map((code) => (
      <Code key={code} fz="sm">
        {code}
      </Code>
    ))}
  </SimpleGrid>
);
