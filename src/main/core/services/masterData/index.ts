// The master-data services: list, validate, apply, usage, remove, geography.
export { listMaster, abcWindow, customerSales12m, type MasterList, type SalesWindow } from './list';
export { validateMasterRows, applyMasterRows, type MasterInputRow, type ApplyLabel, type PendingRefs } from './apply';
export { masterUsage, removeMaster, type RemoveMode, type Usage } from './remove';
export { geoCatalog, addGeography, addCustomCity, type CustomCityInput, type GeoCatalog, type GeoDivision, type GeoScript } from './geo';
