import { SimpleGrid, Text } from "@mantine/core";
import type { CustomField, CustomValues } from "@conveyor/contracts";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { formatDay } from "../deals/format-day";

/** A stored value as the reader reads it: numbers and dates in their locale, text and options as written. */
const CustomValueText = ({ field, value }: { field: CustomField; value: string | number }) => {
  const { locale } = useLocale();
  if (field.type === "number" && typeof value === "number") return <span dir="ltr">{formatNumber(locale, value)}</span>;
  if (field.type === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{formatDay(locale, value)}</>;
  return <bdi>{String(value)}</bdi>;
};

type CustomFieldFactsProps = { fields: readonly CustomField[]; values: CustomValues; testIdPrefix: string };

/** The active custom fields with their values, for the client card; a dash where none is set. */
export const CustomFieldFacts = ({ fields, values, testIdPrefix }: CustomFieldFactsProps) => {
  if (fields.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" mt="sm" data-testid={`${testIdPrefix}custom-facts`}>
      {fields.map((field) => {
        const value = values[field.key];
        return (
          <div key={field.key} data-testid={`${testIdPrefix}custom-fact-${field.key}`}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {field.label}
            </Text>
            <Text size="sm" component="div">
              {value === undefined ? "—" : <CustomValueText field={field} value={value} />}
            </Text>
          </div>
        );
      })}
    </SimpleGrid>
  );
};
