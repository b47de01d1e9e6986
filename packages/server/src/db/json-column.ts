/** A json column as the driver hands it over: parsed already, or its text on drivers that leave it so. */
export const jsonColumn = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);
